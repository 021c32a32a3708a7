using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Audiences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Audiences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RulesJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Selection = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    TopPercent = table.Column<double>(type: "float", nullable: true),
                    UpliftThreshold = table.Column<double>(type: "float", nullable: true),
                    Budget = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    RandomCellShare = table.Column<double>(type: "float", nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Eligible = table.Column<int>(type: "int", nullable: false),
                    Targeted = table.Column<int>(type: "int", nullable: false),
                    RandomCell = table.Column<int>(type: "int", nullable: false),
                    PutOff = table.Column<int>(type: "int", nullable: false),
                    ExpectedConversions = table.Column<double>(type: "float", nullable: false),
                    ExpectedConversionsLow = table.Column<double>(type: "float", nullable: false),
                    ExpectedConversionsHigh = table.Column<double>(type: "float", nullable: false),
                    ExpectedProfit = table.Column<double>(type: "float", nullable: false),
                    ExpectedProfitLow = table.Column<double>(type: "float", nullable: false),
                    ExpectedProfitHigh = table.Column<double>(type: "float", nullable: false),
                    ExpectedCost = table.Column<double>(type: "float", nullable: false),
                    CurveJson = table.Column<string>(type: "nvarchar(max)", maxLength: 2147483647, nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audiences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Audiences_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AudienceMembers",
                columns: table => new
                {
                    AudienceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Cell = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Rank = table.Column<int>(type: "int", nullable: false),
                    PredictedUplift = table.Column<double>(type: "float", nullable: false),
                    ExpectedProfit = table.Column<double>(type: "float", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceMembers", x => new { x.AudienceId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_AudienceMembers_Audiences_AudienceId",
                        column: x => x.AudienceId,
                        principalTable: "Audiences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AudienceMembers_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentCustomers_CustomerId",
                table: "ExperimentCustomers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_AudienceMembers_CustomerId",
                table: "AudienceMembers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Audiences_CampaignId",
                table: "Audiences",
                column: "CampaignId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AudienceMembers");

            migrationBuilder.DropTable(
                name: "Audiences");

            migrationBuilder.DropIndex(
                name: "IX_ExperimentCustomers_CustomerId",
                table: "ExperimentCustomers");
        }
    }
}
