using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Storage;

/// <summary>Money is stored as whole fen in a 64-bit integer: exact sums on both databases.</summary>
internal sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));

/// <summary>All timestamps are UTC; SQLite returns them without a kind, PostgreSQL insists on one.</summary>
internal sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(d => d.Kind == DateTimeKind.Utc ? d : d.ToUniversalTime(), d => DateTime.SpecifyKind(d, DateTimeKind.Utc));
