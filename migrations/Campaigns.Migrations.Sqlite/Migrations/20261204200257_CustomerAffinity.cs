using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CustomerAffinity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TopCategory1Id",
                table: "CustomerScores",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TopCategory2Id",
                table: "CustomerScores",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TopCategory3Id",
                table: "CustomerScores",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TopProductIds",
                table: "CustomerScores",
                type: "TEXT",
                maxLength: 111,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScores_TopCategory1Id",
                table: "CustomerScores",
                column: "TopCategory1Id");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScores_TopCategory2Id",
                table: "CustomerScores",
                column: "TopCategory2Id");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScores_TopCategory3Id",
                table: "CustomerScores",
                column: "TopCategory3Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerScores_TopCategory1Id",
                table: "CustomerScores");

            migrationBuilder.DropIndex(
                name: "IX_CustomerScores_TopCategory2Id",
                table: "CustomerScores");

            migrationBuilder.DropIndex(
                name: "IX_CustomerScores_TopCategory3Id",
                table: "CustomerScores");

            migrationBuilder.DropColumn(
                name: "TopCategory1Id",
                table: "CustomerScores");

            migrationBuilder.DropColumn(
                name: "TopCategory2Id",
                table: "CustomerScores");

            migrationBuilder.DropColumn(
                name: "TopCategory3Id",
                table: "CustomerScores");

            migrationBuilder.DropColumn(
                name: "TopProductIds",
                table: "CustomerScores");
        }
    }
}
