using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ExclusiveRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Exclusive",
                table: "JobRuns",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_ActiveExclusiveKind",
                table: "JobRuns",
                column: "Kind",
                unique: true,
                filter: "\"Exclusive\" = 1 AND \"Status\" IN ('Queued', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JobRuns_ActiveExclusiveKind",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "Exclusive",
                table: "JobRuns");
        }
    }
}
