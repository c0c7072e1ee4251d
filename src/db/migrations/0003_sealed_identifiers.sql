ALTER TABLE "accounts" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "id_number_bidx" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "phone_bidx" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_id_number_bidx_unique" UNIQUE("id_number_bidx");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_phone_bidx_unique" UNIQUE("phone_bidx");