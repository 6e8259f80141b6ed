namespace Tuopin.Application.Registry;

/// <summary>
/// Run by the migration that turns status changes into events: numbers each household's existing
/// changes in date order, names their kind from the status they set, and gives them the household's
/// present size (the best known; member changes were not dated before events existed).
/// Plain SQL that SQLite and PostgreSQL both run.
/// </summary>
public static class EventBackfill
{
    public const string Sql = """
        UPDATE household_status_changes SET sequence = (
            SELECT count(*) FROM household_status_changes e2
            WHERE e2.household_id = household_status_changes.household_id
              AND (e2.date < household_status_changes.date
                OR (e2.date = household_status_changes.date AND e2.recorded_at < household_status_changes.recorded_at)
                OR (e2.date = household_status_changes.date AND e2.recorded_at = household_status_changes.recorded_at AND e2.id <= household_status_changes.id)));
        UPDATE household_status_changes SET kind = CASE
            WHEN "from" IS NULL THEN 1 WHEN "to" = 2 THEN 2 WHEN "to" = 3 THEN 3 WHEN "to" = 4 THEN 4 ELSE 14 END;
        UPDATE household_status_changes SET size_after = (
            SELECT h.size FROM households h WHERE h.id = household_status_changes.household_id);
        """;
}
