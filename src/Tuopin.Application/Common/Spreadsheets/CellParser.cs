using System.Globalization;
using System.Text.RegularExpressions;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Common;

/// <summary>
/// Turns cell text into values, recognising what spreadsheets do to data: numbers in scientific form,
/// digits lost past the 15th, full-width characters, stray spaces, date serial numbers.
/// Each method returns null and sets <c>problem</c> when the text cannot be the value.
/// </summary>
public static partial class CellParser
{
    public sealed record Fault(string Code, LocalText Message);

    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")]
    private static partial Regex Scientific();

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A resident ID: spaces removed, full-width digits and letters made ASCII, x upper-cased.</summary>
    public static string? ResidentId(SheetCell cell, out Fault? fault)
    {
        fault = null;
        var text = new string(TextCleaner.Clean(cell.Text).Where(ch => !char.IsWhiteSpace(ch) && ch != '\'').ToArray());
        if (text.Length == 0)
        {
            fault = new("resident_id.required", new("证件号码不能为空", "The resident ID is required"));
            return null;
        }
        if (Scientific().IsMatch(text))
        {
            fault = new("resident_id.excel_number", new(
                Inv($"证件号码“{text}”被 Excel 转成了科学计数法的数字，后几位已经丢失，无法还原。请把该列设为“文本”格式，重新录入号码"),
                Inv($"The resident ID '{text}' was turned into a number in scientific notation by Excel; its last digits are lost and cannot be recovered. Format the column as Text and enter the number again")));
            return null;
        }
        if (cell.IsNumber && text.Contains('.', StringComparison.Ordinal))
            text = text[..text.IndexOf('.', StringComparison.Ordinal)];
        if (text.Length == 18 && text.All(char.IsAsciiDigit) && !Domain.Registry.ResidentId.TryParse(text, out _)
            && (cell.IsNumber || text.EndsWith("000", StringComparison.Ordinal)))
        {
            fault = new("resident_id.digits_lost", new(
                Inv($"证件号码“{text}”的校验位不对，且号码以数字格式保存：Excel 只保留15位有效数字，第15位之后的数字已变成0。请把该列设为“文本”格式，重新录入号码"),
                Inv($"The resident ID '{text}' fails its check digit and was stored as a number: Excel keeps 15 significant digits, so the digits after the 15th became 0. Format the column as Text and enter the number again")));
            return null;
        }
        if (text.Length == 18 && text[17] == 'x') text = string.Concat(text.AsSpan(0, 17), "X");
        return text;
    }

    /// <summary>A household number: digits only; Excel's number forms are refused with the reason.</summary>
    public static string? HouseholdNumber(SheetCell cell, out Fault? fault)
    {
        fault = null;
        var text = new string(TextCleaner.Clean(cell.Text).Where(ch => !char.IsWhiteSpace(ch) && ch != '\'').ToArray());
        if (text.Length == 0)
        {
            fault = new("household.number_required", new("户编号不能为空：每行都要写明所属户的户编号", "The household number is required on every row"));
            return null;
        }
        if (Scientific().IsMatch(text) || (cell.IsNumber && text.Length > 15))
        {
            fault = new("household.number_excel_number", new(
                Inv($"户编号“{text}”被 Excel 当作数字保存，超过15位的数字已经丢失。请把该列设为“文本”格式，重新录入"),
                Inv($"The household number '{text}' was stored as a number by Excel and digits past the 15th are lost. Format the column as Text and enter it again")));
            return null;
        }
        if (RegistryRules.CheckHouseholdNumber(text) is { } malformed)
        {
            fault = new(malformed.Code, malformed.Message);
            return null;
        }
        return text;
    }

    /// <summary>A value of a code list, by its code or its name.</summary>
    public static T? Code<T>(string text, CodeList<T> list, out Fault? fault) where T : struct
    {
        fault = null;
        if (list.TryFind(text, out var item)) return item.Value;
        var choices = string.Join("、", list.Items.Select(i => $"{i.Code} {i.Zh}"));
        var choicesEn = string.Join(", ", list.Items.Select(i => $"{i.Code} {i.En}"));
        fault = new("code.unknown", new(
            Inv($"“{text}”不是{list.Field.Zh}的有效值，可填：{choices}"),
            Inv($"'{text}' is not a value of {list.Field.En}; allowed: {choicesEn}")));
        return null;
    }

    public static string? Ethnicity(string text, out Fault? fault)
    {
        fault = null;
        if (Codes.Ethnicities.TryFind(text, out var item)) return item.Value;
        // "土家" for "土家族"
        if (Codes.Ethnicities.TryFind(text + "族", out item)) return item.Value;
        fault = new("code.unknown", new(Inv($"“{text}”不是 GB/T 3304 的民族名称或代码（如“15”或“土家族”）"), Inv($"'{text}' is not a GB/T 3304 ethnicity code or name (e.g. 15 or 土家族)")));
        return null;
    }

    // Yes and no as people type them: 是/否, 有/无, √/× (and the other tick and cross marks), Y/N, 1/0.
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase) { "是", "有", "1", "y", "yes", "true", "√", "✓", "✔", "☑", "参加", "已参加", "通", "已通" };
    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase) { "否", "无", "0", "n", "no", "false", "×", "✗", "✘", "☒", "x", "未参加", "没有", "不通", "未通" };

    /// <summary>
    /// A number as people type it, ready for parsing: spaces and the apostrophe of a number stored as text
    /// taken off, thousands separators (1,234 and the Chinese 1，234) removed, and a unit after it (元, 人,
    /// 户, 个, 年) or a ¥ before it dropped. 万元 is not a unit dropped: it would change the amount.
    /// </summary>
    public static string Number(string text)
    {
        var t = TextCleaner.Clean(text).Replace(" ", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).TrimStart('\'', '¥', '￥');
        if (t.EndsWith("万元", StringComparison.Ordinal)) return t;
        return t.TrimEnd('元', '人', '户', '个', '年');
    }

    public static bool? Bool(string text, LocalText column, out Fault? fault)
    {
        fault = null;
        var t = TextCleaner.Clean(text).Replace(" ", "", StringComparison.Ordinal);
        if (Yes.Contains(t)) return true;
        if (No.Contains(t)) return false;
        fault = new("value.not_yes_no", new(Inv($"{column.Zh}应填“是”或“否”，填写的是“{text}”"), Inv($"{column.En} takes yes or no (是/否), not '{text}'")));
        return null;
    }

    public static int? Int(string text, LocalText column, out Fault? fault)
    {
        fault = null;
        var t = Number(text);
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue) return (int)d;
        fault = new("value.not_integer", new(Inv($"{column.Zh}应为整数，填写的是“{text}”"), Inv($"{column.En} must be a whole number, not '{text}'")));
        return null;
    }

    public static decimal? Decimal(string text, LocalText column, out Fault? fault)
    {
        fault = null;
        var t = Number(text);
        if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        fault = new("value.not_number", new(Inv($"{column.Zh}应为数字，填写的是“{text}”"), Inv($"{column.En} must be a number, not '{text}'")));
        return null;
    }

    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>A date as text, or an Excel date serial (days since 1899-12-30) as a workbook stores dates.</summary>
    public static DateOnly? Date(SheetCell cell, string text, LocalText column, out Fault? fault)
    {
        fault = null;
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)) return date;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var time)) return DateOnly.FromDateTime(time);
        // A serial: a workbook's date cell, or a CSV saved from a column that lost its date format.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466 && (cell.IsNumber || text.Length <= 6))
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        fault = new("value.not_date", new(Inv($"{column.Zh}“{text}”不是日期，请写成 1990-01-31 的形式"), Inv($"{column.En} '{text}' is not a date; write it as 1990-01-31")));
        return null;
    }
}
