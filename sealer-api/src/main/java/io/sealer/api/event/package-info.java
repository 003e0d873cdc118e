/**
 * Typed progress events. Every long operation (a build, a push, a pull, an install) reports a tree of
 * {@link io.sealer.api.event.Operation}s: each event names its operation, which names its parent, so progress nests
 * (build, image, blob; apply, host, step). Listen with a {@link io.sealer.api.event.ProgressListener}, or dispatch by
 * event type with {@link io.sealer.api.event.ProgressListener#dispatcher()}.
 */
package io.sealer.api.event;
