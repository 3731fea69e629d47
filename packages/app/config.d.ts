export interface Config {
  auth?: {
    /**
     * The auth backend's providers. The app reads them only to learn which ones the backend
     * runs, so that its sign-in page offers exactly those (src/modules/signIn); what it may
     * see of them is named here, and no secret is.
     */
    providers?: {
      /**
       * Guest sign-in (the local portal). Nothing in it is secret.
       * @visibility frontend
       */
      guest?: {
        userEntityRef?: string;
        ownershipEntityRefs?: string[];
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
      /** GitHub sign-in, per auth environment. */
      github?: {
        [authEnvironment: string]: {
          /**
           * Public by nature: GitHub's sign-in page shows it in its URL.
           * @visibility frontend
           */
          clientId: string;
        };
      };
      /** OpenID Connect sign-in, per auth environment. */
      oidc?: {
        [authEnvironment: string]: {
          /**
           * Public by nature: the issuer's sign-in page shows it in its URL.
           * @visibility frontend
           */
          clientId: string;
        };
      };
    };
  };
}
