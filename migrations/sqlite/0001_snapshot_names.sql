CREATE TABLE `snapshot_names` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`snapshot_id` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `snapshot_names_snapshot_name` ON `snapshot_names` (`snapshot_id`,`name`);--> statement-breakpoint
CREATE INDEX `snapshot_names_name_seq` ON `snapshot_names` (`name`,`seq`);--> statement-breakpoint
-- Hand-added: every stored snapshot keeps the name it was uploaded under.
INSERT INTO `snapshot_names` (`snapshot_id`, `name`) SELECT `id`, `name` FROM `snapshots` ORDER BY `seq`;
