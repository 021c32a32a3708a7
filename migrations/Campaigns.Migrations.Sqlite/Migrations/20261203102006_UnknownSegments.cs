using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UnknownSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "IsReturning",
                table: "ExperimentCustomers",
                newName: "Tenure");

            migrationBuilder.RenameColumn(
                name: "IsReturning",
                table: "ExperimentCells",
                newName: "Tenure");

            migrationBuilder.AlterColumn<string>(
                name: "Promotion_Type",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20);

            // The rollup is derived: empty it and its watermark so it is rebuilt with unknown tenure (and device) where
            // nothing says otherwise, instead of keeping "new" for customers whose history was never imported.
            migrationBuilder.Sql("""DELETE FROM "ExperimentCells"; DELETE FROM "ExperimentCustomers"; DELETE FROM "RollupWatermarks" WHERE "Name" = 'events';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Tenure",
                table: "ExperimentCustomers",
                newName: "IsReturning");

            migrationBuilder.RenameColumn(
                name: "Tenure",
                table: "ExperimentCells",
                newName: "IsReturning");

            migrationBuilder.AlterColumn<string>(
                name: "Promotion_Type",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldNullable: true);
        }
    }
}
