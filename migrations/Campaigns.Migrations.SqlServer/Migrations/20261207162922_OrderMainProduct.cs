using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
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
                type: "uniqueidentifier",
                nullable: true);

            // Orders stored before: their main product from their lines, as the writers now keep it.
            // In EXEC: the idempotent script's batch is compiled before the column exists.
            migrationBuilder.Sql(
                "EXEC(N'UPDATE o SET [MainProductId] = (SELECT TOP 1 l.[ProductId] FROM [OrderLines] l WHERE l.[OrderId] = o.[Id] " +
                "ORDER BY l.[UnitPrice] * l.[Quantity] DESC) FROM [Orders] o');");
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
