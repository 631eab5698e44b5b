-- Social enterprises' capacity listings written before listings were searched (#14) have no search
-- task, so no search document until `npm run reindex`. This queues one index task for each listing
-- that never had one, through the outbox like any change (both engines, Node and D1): the outbox
-- worker then indexes it with no manual step. Closed listings are not searchable and get none.
-- Idempotent: a listing with a task (done or waiting) is left alone. Ids: the outbox prefix and 26
-- hexadecimal digits (within the ids' alphabet); times as the app writes them (ISO 8601 UTC).
INSERT INTO `outbox` (`id`, `topic`, `dedupe_key`, `payload`, `status`, `generation`, `attempts`, `next_attempt_at`, `due_at`, `created_at`)
SELECT
	'obx_' || upper(hex(randomblob(13))),
	'search.slot',
	'search.slot:' || c.`id`,
	json_object('slotId', c.`id`),
	'pending',
	0,
	0,
	strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
	strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
	strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `capacity_listings` c
WHERE c.`status` <> 'closed'
	AND NOT EXISTS (SELECT 1 FROM `outbox` o WHERE o.`dedupe_key` = 'search.slot:' || c.`id`);
