using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Registry;

public enum Sex
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// A resident identity number (居民身份证号码) under GB 11643-1999: a 6-digit address code, an 8-digit
/// birth date, a 3-digit sequence whose parity gives the sex (odd male, even female) and an
/// ISO 7064 MOD 11-2 check character. A lower-case x is accepted and stored upper-case.
/// </summary>
public readonly record struct ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // GB/T 2260 province-level codes; an address code must begin with one of them, or with the synthetic 99.
    private static readonly HashSet<string> ProvinceCodes =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", SyntheticProvinceCode,
    ];

    /// <summary>
    /// The province code of the synthetic counties (<c>tuopin demo --counties</c>): no GB/T 2260 code begins with 99, so a
    /// synthetic place or number can never be mistaken for a real one. Numbers in it are accepted so that the synthetic
    /// registry can be edited and imported like a real one; no real person holds one.
    /// </summary>
    public const string SyntheticProvinceCode = "99";

    /// <summary>Whether a place code (6, 9 or 12 digits) or a number lies in the synthetic province.</summary>
    public static bool IsSynthetic(string code) => code.StartsWith(SyntheticProvinceCode, StringComparison.Ordinal);

    private readonly string? _value;

    private ResidentId(string value, DateOnly birthDate)
    {
        _value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalised 18 characters (empty for the default value, which no parse produces).</summary>
    public string Value => _value ?? string.Empty;

    public string AddressCode => Value.Length == 18 ? Value[..6] : string.Empty;

    public DateOnly BirthDate { get; }

    public Sex Sex => Value.Length == 18 && (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>The form shown to roles that must not see the number: 422827************.</summary>
    public string Masked => Mask(Value);

    /// <summary>
    /// Only the address code (the first six digits, which the household's county says anyway) is shown.
    /// No trailing digit: with the birth date, the sex digit and the check character leave so few
    /// candidates that one exact search would confirm the number.
    /// </summary>
    public static string Mask(string value) =>
        value.Length <= 8 ? new string('*', value.Length) : string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 6));

    public override string ToString() => Masked;

    public static ResidentId Parse(string text) =>
        TryParse(text, out var id, out var problem) ? id : throw new FormatException(problem!.Value.Zh);

    public static bool TryParse(string? text, out ResidentId id) => TryParse(text, out id, out _);

    /// <summary>
    /// Checks length, characters, address code, birth date and check character, in that order,
    /// and says which one failed.
    /// </summary>
    public static bool TryParse(string? text, out ResidentId id, [NotNullWhen(false)] out LocalText? problem)
    {
        id = default;
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 0)
        {
            problem = new LocalText("身份证号码不能为空", "The resident ID number is required");
            return false;
        }
        if (s.Length == 15 && s.All(char.IsAsciiDigit))
        {
            problem = new LocalText(
                $"这是15位旧身份证号码，请填写18位号码（应为 {FromLegacy(s)}，请与户口簿核对）",
                $"This is an old 15-digit number; enter the 18-digit number (it would be {FromLegacy(s)}; check it against the household register)");
            return false;
        }
        if (s.Length != 18)
        {
            problem = new LocalText($"身份证号码应为18位，实际为{s.Length}位", $"A resident ID number has 18 characters, not {s.Length}");
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                problem = new LocalText($"身份证号码第{i + 1}位应为数字，实际为“{s[i]}”", $"Character {i + 1} of a resident ID number must be a digit, not '{s[i]}'");
                return false;
            }
        }
        var last = char.ToUpperInvariant(s[17]);
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            problem = new LocalText($"身份证号码最后一位应为数字或X，实际为“{s[17]}”", $"The last character of a resident ID number must be a digit or X, not '{s[17]}'");
            return false;
        }
        if (!ProvinceCodes.Contains(s[..2]) || s.AsSpan(2, 4).SequenceEqual("0000"))
        {
            problem = new LocalText($"身份证号码前6位地址码“{s[..6]}”不是有效的行政区划代码", $"The address code '{s[..6]}' (first 6 digits) is not a valid division code");
            return false;
        }
        var year = int.Parse(s.AsSpan(6, 4));
        var month = int.Parse(s.AsSpan(10, 2));
        var day = int.Parse(s.AsSpan(12, 2));
        if (year < 1880 || year > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            problem = new LocalText($"身份证号码中的出生日期“{s.Substring(6, 8)}”不是真实日期", $"The birth date '{s.Substring(6, 8)}' in the resident ID number is not a real date");
            return false;
        }
        var expected = CheckCharacter(s.AsSpan(0, 17));
        if (last != expected)
        {
            problem = new LocalText($"身份证号码校验位错误：最后一位应为“{expected}”，实际为“{s[17]}”", $"Wrong check character: the last character should be '{expected}', not '{s[17]}'");
            return false;
        }
        id = new ResidentId(string.Concat(s.AsSpan(0, 17), last.ToString()), new DateOnly(year, month, day));
        problem = null;
        return true;
    }

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 digits expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Builds a valid number from its parts; used by data generators and tests.</summary>
    /// <exception cref="ArgumentException">When the parts would not make a number that <see cref="TryParse(string?, out ResidentId)"/> accepts.</exception>
    public static ResidentId Create(string addressCode, DateOnly birthDate, int sequence)
    {
        if (addressCode.Length != 6 || !addressCode.All(char.IsAsciiDigit)) throw new ArgumentException("6 digits expected", nameof(addressCode));
        if (sequence is < 0 or > 999) throw new ArgumentOutOfRangeException(nameof(sequence));
        // The Gregorian date whatever the current culture's calendar.
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{addressCode}{birthDate:yyyyMMdd}{sequence:D3}");
        var text = first17 + CheckCharacter(first17);
        return TryParse(text, out var id, out var problem) ? id : throw new ArgumentException(problem.Value.En, nameof(addressCode));
    }

    /// <summary>The 18-digit form of an old 15-digit number (born 19YY).</summary>
    public static string FromLegacy(string fifteen)
    {
        var first17 = string.Concat(fifteen.AsSpan(0, 6), "19", fifteen.AsSpan(6, 9));
        return first17 + CheckCharacter(first17);
    }

    /// <summary>Age in whole years on a given day.</summary>
    public int AgeOn(DateOnly day) => Ages.On(BirthDate, day);
}

public static class Ages
{
    /// <summary>Whole years: one more on each birthday. Born on 29 February, one is a year older on 1 March in common years.</summary>
    public static int On(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day)) age--;
        return age;
    }
}
