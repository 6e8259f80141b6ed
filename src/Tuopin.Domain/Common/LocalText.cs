using System.Globalization;

namespace Tuopin.Domain.Common;

/// <summary>A text in the two languages of the UI: Chinese first, English second.</summary>
public readonly record struct LocalText(string Zh, string En)
{
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? En : Zh;

    public string Current => For(CultureInfo.CurrentUICulture);

    public override string ToString() => Current;
}

/// <summary>
/// What is wrong with one field of a request: the field's path (e.g. <c>members[1].residentId</c>),
/// a stable code for programs, and the message in both languages.
/// </summary>
public sealed record Problem(string Field, string Code, LocalText Message)
{
    public override string ToString() => $"{Field}: {Message.Current}";
}
