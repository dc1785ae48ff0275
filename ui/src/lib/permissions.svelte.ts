// What the signed-in user may do, as the core said it after unlock and
// sign-in (`StoreStatus.commands`, from `access::allows`). Every button, menu
// item and panel that calls the core is shown through `can`, never from a
// guess about roles here.
import type { Command } from './bindings/Command';
import type { StoreStatus } from './bindings/StoreStatus';

// null: no status yet (a component on its own, as in its tests): nothing hidden.
let offered = $state<readonly Command[] | null>(null);

/** Takes the core's list of commands from a status (null: forget it). */
export function offer(status: StoreStatus | null | undefined): void {
  offered = status ? status.commands : null;
}

/** Whether the core would allow `command` for the user at the app now. */
export function can(command: Command): boolean {
  return offered === null || offered.includes(command);
}
