/** What a directory knows of a person: the roles, groups and region their tokens would carry. */
export interface DirectoryEntry {
  roles: string[];
  groups: string[];
  region?: string;
}

/**
 * Looks up a person of a tenant by canonical id, for decisions about someone other than the caller
 * (whether a new assignee may hold an item). The caller's own roles and groups always come from
 * their verified token, never from here.
 */
export interface PrincipalDirectory {
  /** The person, or undefined when the directory does not know them in that tenant. */
  lookup(tenant: string, id: string): Promise<DirectoryEntry | undefined>;
}
