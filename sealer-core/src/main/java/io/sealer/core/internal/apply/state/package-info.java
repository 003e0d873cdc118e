/**
 * What an apply leaves on the control machine: the journal of a plan's finished steps (so a re-run resumes), and the
 * saved clusters (the applied Clusterfile with its passwords sealed, the hosts' node names).
 */
package io.sealer.core.internal.apply.state;
