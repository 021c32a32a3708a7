using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExperimentDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SequentialTesting",
                table: "Experiments");

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "Experiments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "Experiments",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "Experiments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DecisionComment",
                table: "Experiments",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Engine",
                table: "Experiments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "DecisionComment",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "Engine",
                table: "Experiments");

            migrationBuilder.AddColumn<bool>(
                name: "SequentialTesting",
                table: "Experiments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
