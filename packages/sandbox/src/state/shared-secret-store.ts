import { newId } from '../ids.js';

/** Secrets shared by link, as Infisical's secret sharing keeps them (value included). */
export interface SharedSecret {
  id: string;
  name: string | null;
  value: string;
  hasPassword: boolean;
  accessType: 'anyone' | 'organization';
  expiresAt: Date;
  expiresAfterViews: number | null;
  orgId: string;
  identityId: string;
  createdAt: Date;
}

export class SharedSecretStore {
  private readonly secrets: SharedSecret[] = [];

  add(secret: Omit<SharedSecret, 'id'>): SharedSecret {
    const stored = { id: newId(), ...secret };
    this.secrets.push(stored);
    return stored;
  }

  list(): readonly SharedSecret[] {
    return this.secrets;
  }
}
