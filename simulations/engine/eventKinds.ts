/**
 * Event kinds, distinct across processes so a trace reads unambiguously. An event is (time,
 * sequence, kind, argument, target); the target's `fire` switches on the kind.
 */

/** Arrivals: the next user request arrives. */
export const NEXT_ARRIVAL = 1;
/** Operation or query attempt: it reaches its service or datastore (argument 1 = a retry). */
export const ARRIVE = 2;
/** Operation: its own work is done. */
export const WORK_DONE = 3;
/** Operation or branch: a `work` step is done. */
export const STEP_WORK_DONE = 4;
/** Remote call: an answer comes back (argument = attempt × 4 + outcome). */
export const RESPONSE = 5;
/** Remote call: the backoff before a retry is over. */
export const RETRY = 7;
/** Query: the datastore's work is done. */
export const QUERY_DONE = 8;
/** Delivery: the bus hands the event to its consumer. */
export const DELIVER = 9;
/** Delivery: the redelivery backoff is over; the event goes through the bus again. */
export const REDELIVER = 10;
/** Operation: a remote run has written its answer (argument = outcome); its slot frees now. */
export const REPLY_SENT = 11;
/** Remote call: the caller has read the answer off the wire (argument as for RESPONSE). */
export const RESPONSE_READ = 12;
/** Remote call: the hedge delay passed without an answer (argument = attempt). */
export const HEDGE = 13;
/** Supervision: a crash fault strikes (argument = its index in the compiled model's list). */
export const CRASH = 14;
/** Supervision: a crashed replica is back (argument = service index × 1024 + replica; 1023 = all). */
export const RESTART = 15;
