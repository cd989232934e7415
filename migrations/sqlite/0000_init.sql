CREATE TABLE `snapshot_documents` (
	`snapshot_id` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`body_gzip` blob NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `snapshot_models` (
	`snapshot_id` text PRIMARY KEY NOT NULL,
	`model_gzip` blob NOT NULL,
	`schema_version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`profile` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`summary_json` text NOT NULL,
	`document_bytes` integer NOT NULL,
	`model_bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `snapshots_id_unique` ON `snapshots` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `snapshots_content_hash_unique` ON `snapshots` (`content_hash`);--> statement-breakpoint
CREATE INDEX `snapshots_name_seq` ON `snapshots` (`name`,`seq`);