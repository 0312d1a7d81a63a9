/** The authenticated person behind a request, from verified token claims only. */
export interface Principal {
  /** Subject; unique within the issuer. */
  id: string;
  issuer: string;
  name: string;
  roles: string[];
  groups: string[];
  tenant: string;
  region?: string | undefined;
}
