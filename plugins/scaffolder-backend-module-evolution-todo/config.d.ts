export interface Config {
  /** Configuration of the evolution-todo golden path actions. */
  evolutionTodo?: {
    /**
     * The local destination: `evolution-todo:publish:local` writes each new repository as a git
     * repository under this directory, and `evolution-todo:catalog:register-local` registers its
     * catalog-info.yaml. Relative paths resolve against the backend's working directory.
     * Meant for local portals and demos; production uses publish:github and catalog:register.
     */
    localPublish?: {
      directory: string;
      /** Commit author of the initial commit. */
      author?: {
        name?: string;
        email?: string;
      };
    };
  };
}
