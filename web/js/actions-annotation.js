// actions-annotation.js holds the actions of an annotation's popover
// beyond its fields: its change history and the notes about colleagues'
// changes. actions.js merges these tables into its own.

/** clicks are the popover's click actions, by data-action. */
export const clicks = {};

/** changes are the popover's change actions, by data-action. */
export const changes = {};
