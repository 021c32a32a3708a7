using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EventRollupStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TransactionId",
                table: "Events",
                type: "bigint",
                nullable: false,
                defaultValueSql: "(pg_current_xact_id()::text::bigint)");

            migrationBuilder.CreateIndex(
                name: "IX_Events_TransactionId",
                table: "Events",
                column: "TransactionId");

            // The rollup so far was a full rebuild with no watermark, and every existing event now carries this
            // migration's stamp: the incremental rollup starts again from no events (docs/decisions/0060).
            migrationBuilder.Sql("DELETE FROM \"ExperimentCells\"; DELETE FROM \"ExperimentCustomers\"; DELETE FROM \"RollupWatermarks\" WHERE \"Name\" = 'events';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_TransactionId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "TransactionId",
                table: "Events");
        }
    }
}
