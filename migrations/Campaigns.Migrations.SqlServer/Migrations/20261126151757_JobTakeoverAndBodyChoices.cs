using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class JobTakeoverAndBodyChoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatAt",
                table: "JobRuns",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Takeovers",
                table: "JobRuns",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "BodyChosenBy",
                table: "CopyVariants",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BodySuggestionId",
                table: "CopyVariants",
                type: "uniqueidentifier",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "Takeovers",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "BodyChosenBy",
                table: "CopyVariants");

            migrationBuilder.DropColumn(
                name: "BodySuggestionId",
                table: "CopyVariants");
        }
    }
}
