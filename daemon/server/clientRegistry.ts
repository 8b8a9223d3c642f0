import { type ClientSession } from './clientSession';

/** The connected clients, for broadcasting notifications and deciding when the daemon is idle. */
export class ClientRegistry {
  private readonly sessions = new Set<ClientSession>();
  private readonly listeners = new Set<(count: number) => void>();

  add(session: ClientSession): void {
    this.sessions.add(session);
    this.emit();
  }

  remove(session: ClientSession): void {
    if (this.sessions.delete(session)) this.emit();
  }

  get count(): number {
    return this.sessions.size;
  }

  all(): ClientSession[] {
    return [...this.sessions];
  }

  forUser(username: string): ClientSession[] {
    return this.all().filter((session) => session.username === username);
  }

  onCountChange(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.sessions.size);
  }
}
