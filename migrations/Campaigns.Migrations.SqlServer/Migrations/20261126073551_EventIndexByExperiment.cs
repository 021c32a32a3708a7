using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EventIndexByExperiment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_ExperimentId_Type_CustomerId",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ExperimentId",
                table: "Events",
                column: "ExperimentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_ExperimentId",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ExperimentId_Type_CustomerId",
                table: "Events",
                columns: new[] { "ExperimentId", "Type", "CustomerId" });
        }
    }
}
