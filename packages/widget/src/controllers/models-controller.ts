import type { ChatClient, ModelInfo } from '@company-chat/core/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Loads the models the server offers (for the composer's picker); silent when the server has none to list. */
export class ModelsController implements ReactiveController {
  models: ModelInfo[] = [];
  #requested: ChatClient | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => ChatClient | null,
  ) {
    host.addController(this);
  }

  // Not on hostConnected: properties a page set before the element upgraded (such as `getToken`) are
  // restored only at the first update, and a request sent earlier would go out without credentials.
  hostUpdate(): void {
    this.load();
  }

  /** Loads once per client (a new endpoint or token makes a new client). */
  load(): void {
    const client = this.getClient();
    if (!client || client === this.#requested) return;
    this.#requested = client;
    client
      .listModels()
      .then((models) => {
        if (this.#requested !== client) return;
        this.models = models;
        this.host.requestUpdate();
      })
      // The picker is optional: without a model list the server's default answers.
      .catch(() => {});
  }
}
