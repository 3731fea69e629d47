"""What the API accepts and returns."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from .models import MAX_TITLE_LENGTH

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE_LENGTH)]


class TodoCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title


class TodoUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    completed: bool | None = None


class Todo(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    completed: bool
