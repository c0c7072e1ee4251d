CREATE TABLE "case_task_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"opinion" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"task" integer NOT NULL,
	"department_id" uuid NOT NULL,
	"definition" jsonb NOT NULL,
	"step_name" jsonb NOT NULL,
	"parallel" boolean DEFAULT false NOT NULL,
	"needed" integer NOT NULL,
	"status" text NOT NULL,
	"case_submitted_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_task_decisions" ADD CONSTRAINT "case_task_decisions_task_id_case_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."case_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_task_decisions" ADD CONSTRAINT "case_task_decisions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_task_decisions_task_account_uq" ON "case_task_decisions" USING btree ("task_id","account_id");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id","step","task");--> statement-breakpoint
CREATE INDEX "case_tasks_open_queue_idx" ON "case_tasks" USING btree ("department_id","case_submitted_at","case_id") WHERE "case_tasks"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "case_tasks_open_uq" ON "case_tasks" USING btree ("case_id","department_id") WHERE "case_tasks"."status" = 'open';--> statement-breakpoint
-- Hand-written: cases already in approval get the default flow's one open task (their department's approvers), so the approval queue keeps them.
INSERT INTO "case_tasks" ("id", "case_id", "step", "task", "department_id", "definition", "step_name", "parallel", "needed", "status", "case_submitted_at", "opened_at")
SELECT gen_random_uuid(), c."id", 0, 0, c."department_id",
       '{"department":null,"role":"approver","name":{"zh":"审批","en":"Approval"},"mode":"single"}'::jsonb,
       '{"zh":"审批","en":"Approval"}'::jsonb, false, 1, 'open', c."submitted_at", coalesce(c."accepted_at", c."updated_at")
FROM "cases" c WHERE c."status" = 'accepted';
