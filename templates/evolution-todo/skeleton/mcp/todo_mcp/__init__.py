"""The evolution-todo MCP server: todo operations as MCP tools, backed by the backend's HTTP API."""
