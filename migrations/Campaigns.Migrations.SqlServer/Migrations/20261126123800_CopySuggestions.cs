using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CopySuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedAt",
                table: "CopyVariants",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "CopyVariants",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "CopyVariants",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PredictedCtr",
                table: "CopyVariants",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SuggestionId",
                table: "CopyVariants",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BannedPhrases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Phrase = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    AddedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BannedPhrases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CopySuggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Rank = table.Column<int>(type: "int", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Tone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    PredictedCtr = table.Column<double>(type: "float", nullable: false),
                    PredictedLow = table.Column<double>(type: "float", nullable: false),
                    PredictedHigh = table.Column<double>(type: "float", nullable: false),
                    GeneratorVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RankerVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ShownTo = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ShownAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PickedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EditedText = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CopySuggestions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BannedPhrases_Phrase",
                table: "BannedPhrases",
                column: "Phrase",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CopySuggestions_CampaignId_ShownAt",
                table: "CopySuggestions",
                columns: new[] { "CampaignId", "ShownAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CopySuggestions_GeneratorVersionId",
                table: "CopySuggestions",
                column: "GeneratorVersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BannedPhrases");

            migrationBuilder.DropTable(
                name: "CopySuggestions");

            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "CopyVariants");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "CopyVariants");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "CopyVariants");

            migrationBuilder.DropColumn(
                name: "PredictedCtr",
                table: "CopyVariants");

            migrationBuilder.DropColumn(
                name: "SuggestionId",
                table: "CopyVariants");
        }
    }
}
