import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Users choose whether they get marketing mail (User.marketingOptIn); existing users have not opted in. */
export class AddUserMarketingOptIn1700000000000 implements MigrationInterface {
  name = 'AddUserMarketingOptIn1700000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('users', new TableColumn({ name: 'marketing_opt_in', type: 'boolean', default: false }));
    await queryRunner.query(`UPDATE "users" SET "marketing_opt_in" = false WHERE "marketing_opt_in" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'marketing_opt_in');
  }
}
