using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class UnknownSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rollup is derived and rebuilt in full by the minutely job: empty it first (dropping IsReturning would
            // otherwise collide cells in the new key) rather than keep tenures defaulted to "new".
            migrationBuilder.Sql("DELETE FROM [ExperimentCells]; DELETE FROM [ExperimentCustomers];");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ExperimentCells",
                table: "ExperimentCells");

            migrationBuilder.DropColumn(
                name: "IsReturning",
                table: "ExperimentCustomers");

            migrationBuilder.DropColumn(
                name: "IsReturning",
                table: "ExperimentCells");

            migrationBuilder.AddColumn<int>(
                name: "Tenure",
                table: "ExperimentCustomers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Tenure",
                table: "ExperimentCells",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "Promotion_Type",
                table: "Campaigns",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(20)",
                oldMaxLength: 20);

            migrationBuilder.AddPrimaryKey(
                name: "PK_ExperimentCells",
                table: "ExperimentCells",
                columns: new[] { "ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ExperimentCells",
                table: "ExperimentCells");

            migrationBuilder.DropColumn(
                name: "Tenure",
                table: "ExperimentCustomers");

            migrationBuilder.DropColumn(
                name: "Tenure",
                table: "ExperimentCells");

            migrationBuilder.AddColumn<bool>(
                name: "IsReturning",
                table: "ExperimentCustomers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsReturning",
                table: "ExperimentCells",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<string>(
                name: "Promotion_Type",
                table: "Campaigns",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_ExperimentCells",
                table: "ExperimentCells",
                columns: new[] { "ExperimentId", "ArmId", "Region", "Device", "IsReturning", "ExposedDay", "ConvertedDay" });
        }
    }
}
