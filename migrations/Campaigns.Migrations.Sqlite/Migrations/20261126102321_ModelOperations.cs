using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ModelOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CalibrationThreshold",
                table: "RetrainingSchedules",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "DriftThreshold",
                table: "RetrainingSchedules",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "MainMetric",
                table: "ModelVersions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MonitoredAt",
                table: "ModelVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MonitoringJson",
                table: "ModelVersions",
                type: "TEXT",
                maxLength: 2147483647,
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "TrainingTime",
                table: "ModelVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetrainRunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClearedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClearedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelSignOffs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelSignOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelSignOffs_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelAlerts_Kind_ClearedAt",
                table: "ModelAlerts",
                columns: new[] { "Kind", "ClearedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelSignOffs_ModelVersionId",
                table: "ModelSignOffs",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelSignOffs_Status",
                table: "ModelSignOffs",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelAlerts");

            migrationBuilder.DropTable(
                name: "ModelSignOffs");

            migrationBuilder.DropColumn(
                name: "CalibrationThreshold",
                table: "RetrainingSchedules");

            migrationBuilder.DropColumn(
                name: "DriftThreshold",
                table: "RetrainingSchedules");

            migrationBuilder.DropColumn(
                name: "MainMetric",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "MonitoredAt",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "MonitoringJson",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "TrainingTime",
                table: "ModelVersions");
        }
    }
}
