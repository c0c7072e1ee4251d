CREATE TABLE "hall_appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"slot_end" timestamp with time zone NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "hall_appointments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "hall_slot_counts" (
	"group_id" uuid NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"booked" integer NOT NULL,
	CONSTRAINT "hall_slot_counts_group_id_slot_start_pk" PRIMARY KEY("group_id","slot_start")
);
--> statement-breakpoint
CREATE TABLE "hall_ticket_counters" (
	"group_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "hall_ticket_counters_group_id_day_pk" PRIMARY KEY("group_id","day")
);
--> statement-breakpoint
CREATE TABLE "hall_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"day" date NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"account_id" uuid,
	"appointment_id" uuid,
	"status" text DEFAULT 'waiting' NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"window_id" uuid,
	"called_at" timestamp with time zone,
	"call_count" integer DEFAULT 0 NOT NULL,
	"ended_at" timestamp with time zone,
	"case_id" uuid,
	CONSTRAINT "hall_tickets_number_uq" UNIQUE("group_id","day","number")
);
--> statement-breakpoint
CREATE TABLE "hall_window_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_id" uuid NOT NULL,
	"letter" text NOT NULL,
	"name" jsonb NOT NULL,
	"item_ids" jsonb NOT NULL,
	"slot_capacity" integer DEFAULT 2 NOT NULL,
	CONSTRAINT "hall_window_groups_letter_uq" UNIQUE("hall_id","letter")
);
--> statement-breakpoint
CREATE TABLE "hall_windows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"clerk_account_id" uuid,
	CONSTRAINT "hall_windows_number_uq" UNIQUE("hall_id","number")
);
--> statement-breakpoint
CREATE TABLE "halls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"region_code" text NOT NULL,
	"address" jsonb NOT NULL,
	"hours" jsonb NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"grace_minutes" integer DEFAULT 15 NOT NULL,
	"booking_days" integer DEFAULT 7 NOT NULL,
	"no_show_limit" integer DEFAULT 3 NOT NULL,
	"no_show_window_days" integer DEFAULT 90 NOT NULL,
	"block_days" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "halls_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "hall_visits" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "hall_appointments" ADD CONSTRAINT "hall_appointments_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_appointments" ADD CONSTRAINT "hall_appointments_group_id_hall_window_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."hall_window_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_appointments" ADD CONSTRAINT "hall_appointments_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_appointments" ADD CONSTRAINT "hall_appointments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_slot_counts" ADD CONSTRAINT "hall_slot_counts_group_id_hall_window_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."hall_window_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_ticket_counters" ADD CONSTRAINT "hall_ticket_counters_group_id_hall_window_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."hall_window_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_tickets" ADD CONSTRAINT "hall_tickets_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_tickets" ADD CONSTRAINT "hall_tickets_group_id_hall_window_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."hall_window_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_tickets" ADD CONSTRAINT "hall_tickets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_tickets" ADD CONSTRAINT "hall_tickets_appointment_id_hall_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."hall_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_tickets" ADD CONSTRAINT "hall_tickets_window_id_hall_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."hall_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_tickets" ADD CONSTRAINT "hall_tickets_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_window_groups" ADD CONSTRAINT "hall_window_groups_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_windows" ADD CONSTRAINT "hall_windows_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_windows" ADD CONSTRAINT "hall_windows_group_id_hall_window_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."hall_window_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_windows" ADD CONSTRAINT "hall_windows_clerk_account_id_accounts_id_fk" FOREIGN KEY ("clerk_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hall_appointments_open_uq" ON "hall_appointments" USING btree ("account_id","item_id","day") WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX "hall_appointments_account_idx" ON "hall_appointments" USING btree ("account_id","slot_start");--> statement-breakpoint
CREATE INDEX "hall_appointments_due_idx" ON "hall_appointments" USING btree ("status","slot_end");--> statement-breakpoint
CREATE INDEX "hall_tickets_queue_idx" ON "hall_tickets" USING btree ("group_id","status","priority","taken_at");--> statement-breakpoint
CREATE INDEX "hall_tickets_hall_idx" ON "hall_tickets" USING btree ("hall_id","day","called_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hall_windows_clerk_uq" ON "hall_windows" USING btree ("clerk_account_id");--> statement-breakpoint
ALTER TABLE "hall_visits" ADD CONSTRAINT "hall_visits_ticket_id_hall_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."hall_tickets"("id") ON DELETE no action ON UPDATE no action;