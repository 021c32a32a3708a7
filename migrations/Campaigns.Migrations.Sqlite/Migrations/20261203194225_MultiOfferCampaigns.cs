using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MultiOfferCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AlternativeOffers",
                table: "Campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "OfferPosition",
                table: "AudienceMembers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsModelChoice",
                table: "Arms",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AlternativeOffers",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "OfferPosition",
                table: "AudienceMembers");

            migrationBuilder.DropColumn(
                name: "IsModelChoice",
                table: "Arms");
        }
    }
}
