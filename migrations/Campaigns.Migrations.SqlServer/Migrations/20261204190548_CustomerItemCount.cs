using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CustomerItemCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Behaviour_ItemCount",
                table: "Customers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Stored customers get their items now, not at the next behaviour recompute: scoring reads this column.
            migrationBuilder.Sql(
                "EXEC(N'UPDATE [Customers] SET [Behaviour_ItemCount] = COALESCE((SELECT SUM(l.[Quantity]) FROM [OrderLines] l " +
                "JOIN [Orders] o ON l.[OrderId] = o.[Id] WHERE o.[CustomerId] = [Customers].[Id]), 0)');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Behaviour_ItemCount",
                table: "Customers");
        }
    }
}
