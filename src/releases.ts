// The current releases gofile suggests and defaults to: one place to bump when Go or Alpine ships.

/** Go version when neither a spec nor a go.mod names one. */
export const CURRENT_GO = '1.27';
/** Alpine release for an `alpine` runtime and in lint suggestions. */
export const CURRENT_ALPINE = '3.24';
