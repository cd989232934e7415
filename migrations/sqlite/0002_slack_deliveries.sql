CREATE TABLE `slack_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`response_url` text NOT NULL,
	`command_text` text NOT NULL,
	`owner` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`lease_until_ms` integer NOT NULL,
	`holds` integer NOT NULL,
	`finished_at_ms` integer
);
--> statement-breakpoint
CREATE INDEX `slack_deliveries_created` ON `slack_deliveries` (`created_at_ms`);