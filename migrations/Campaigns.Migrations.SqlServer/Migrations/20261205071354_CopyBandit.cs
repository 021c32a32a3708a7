using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CopyBandit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExplorationStoppedAt",
                table: "Experiments",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Traffic",
                table: "Experiments",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Fixed");

            migrationBuilder.CreateTable(
                name: "ArmAllocationSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ExperimentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ArmId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Share = table.Column<double>(type: "float", nullable: false),
                    Units = table.Column<long>(type: "bigint", nullable: false),
                    Converters = table.Column<long>(type: "bigint", nullable: false),
                    ProbabilityBest = table.Column<double>(type: "float", nullable: false),
                    ExpectedLoss = table.Column<double>(type: "float", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArmAllocationSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArmAllocationSnapshots_Arms_ArmId",
                        column: x => x.ArmId,
                        principalTable: "Arms",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ArmAllocationSnapshots_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArmAllocationSnapshots_ArmId",
                table: "ArmAllocationSnapshots",
                column: "ArmId");

            migrationBuilder.CreateIndex(
                name: "IX_ArmAllocationSnapshots_ExperimentId_TakenAt",
                table: "ArmAllocationSnapshots",
                columns: new[] { "ExperimentId", "TakenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArmAllocationSnapshots");

            migrationBuilder.DropColumn(
                name: "ExplorationStoppedAt",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "Traffic",
                table: "Experiments");
        }
    }
}
