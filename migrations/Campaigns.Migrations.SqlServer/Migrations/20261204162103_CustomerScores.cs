using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CustomerScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerScores",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChurnRisk = table.Column<double>(type: "float", nullable: false),
                    PurchaseProbability = table.Column<double>(type: "float", nullable: false),
                    ExpectedOrders = table.Column<double>(type: "float", nullable: false),
                    PredictedValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ValuePercentile = table.Column<double>(type: "float", nullable: false),
                    PersonaId = table.Column<int>(type: "int", nullable: false),
                    Persona = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    NextOrderExpectedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ScoredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerScores", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_CustomerScores_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerScoreSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Customers = table.Column<int>(type: "int", nullable: false),
                    LowRisk = table.Column<int>(type: "int", nullable: false),
                    MediumRisk = table.Column<int>(type: "int", nullable: false),
                    HighRisk = table.Column<int>(type: "int", nullable: false),
                    PersonasJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerScoreSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScores_ChurnRisk",
                table: "CustomerScores",
                column: "ChurnRisk");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScores_Persona",
                table: "CustomerScores",
                column: "Persona");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScores_PurchaseProbability",
                table: "CustomerScores",
                column: "PurchaseProbability");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScores_ValuePercentile",
                table: "CustomerScores",
                column: "ValuePercentile");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScoreSnapshots_TakenAt",
                table: "CustomerScoreSnapshots",
                column: "TakenAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerScores");

            migrationBuilder.DropTable(
                name: "CustomerScoreSnapshots");
        }
    }
}
