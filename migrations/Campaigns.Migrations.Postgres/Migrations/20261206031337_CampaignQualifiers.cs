using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CampaignQualifiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CampaignQualifiers",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOut = table.Column<bool>(type: "boolean", nullable: false),
                    QualifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignQualifiers", x => new { x.CampaignId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_CampaignQualifiers_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignQualifiers_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignQualifiers_CustomerId",
                table: "CampaignQualifiers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignQualifiers_QualifiedAt",
                table: "CampaignQualifiers",
                column: "QualifiedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignQualifiers");
        }
    }
}
