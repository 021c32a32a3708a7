using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ModelVersionMeetsBar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MeetsBar",
                table: "ModelVersions",
                type: "bit",
                nullable: false,
                defaultValue: true);

            // Versions stored before the flag: the promotion decision kept in their metrics says whether they failed the bar.
            // EXEC: the idempotent script runs this in the batch that adds the column, which SQL Server compiles first.
            migrationBuilder.Sql("""EXEC(N'UPDATE [ModelVersions] SET [MeetsBar] = 0 WHERE [MetricsJson] LIKE N''%does not meet the bar%''');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MeetsBar",
                table: "ModelVersions");
        }
    }
}
