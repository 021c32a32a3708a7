using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Campaigns.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            // Versions stored before the flag: the promotion decision kept in their metrics says whether they failed the bar.
            migrationBuilder.Sql("""UPDATE "ModelVersions" SET "MeetsBar" = 0 WHERE "MetricsJson" LIKE '%does not meet the bar%';""");
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
