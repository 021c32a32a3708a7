using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrderMainProduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MainProductId",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            // Orders stored before: their main product from their lines, as the writers now keep it.
            migrationBuilder.Sql("""
                UPDATE "Orders" SET "MainProductId" = (SELECT l."ProductId" FROM "OrderLines" l WHERE l."OrderId" = "Orders"."Id" ORDER BY l."UnitPrice" * l."Quantity" DESC LIMIT 1);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MainProductId",
                table: "Orders");
        }
    }
}
