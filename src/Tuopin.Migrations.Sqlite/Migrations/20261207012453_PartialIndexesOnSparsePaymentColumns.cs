using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartialIndexesOnSparsePaymentColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_disbursements_measure_id",
                table: "disbursements");

            migrationBuilder.DropIndex(
                name: "ix_disbursements_refund_of_id",
                table: "disbursements");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_measure_id",
                table: "disbursements",
                column: "measure_id",
                filter: "measure_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_refund_of_id",
                table: "disbursements",
                column: "refund_of_id",
                filter: "refund_of_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_disbursements_measure_id",
                table: "disbursements");

            migrationBuilder.DropIndex(
                name: "ix_disbursements_refund_of_id",
                table: "disbursements");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_measure_id",
                table: "disbursements",
                column: "measure_id");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_refund_of_id",
                table: "disbursements",
                column: "refund_of_id");
        }
    }
}
