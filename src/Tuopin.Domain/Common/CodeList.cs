namespace Tuopin.Domain.Common;

/// <summary>One value of a coded field of the national form: its code, its Chinese and English names.</summary>
public sealed record CodeItem<T>(T Value, string Code, string Zh, string En)
{
    public LocalText Name => new(Zh, En);
}

/// <summary>
/// The values a coded field may take. Looks a value up by its code ("01"), its Chinese name
/// ("因病") or its English name, so that spreadsheets written either way are understood.
/// </summary>
public sealed class CodeList<T> where T : notnull
{
    private readonly Dictionary<T, CodeItem<T>> _byValue;
    private readonly Dictionary<string, CodeItem<T>> _byText;

    public CodeList(string fieldZh, string fieldEn, params CodeItem<T>[] items)
    {
        Field = new LocalText(fieldZh, fieldEn);
        Items = items;
        _byValue = items.ToDictionary(i => i.Value);
        _byText = new Dictionary<string, CodeItem<T>>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            _byText.TryAdd(item.Code, item);
            _byText.TryAdd(item.Zh, item);
            _byText.TryAdd(item.En, item);
        }
    }

    public LocalText Field { get; }

    public IReadOnlyList<CodeItem<T>> Items { get; }

    public CodeItem<T> this[T value] => _byValue[value];

    public bool Contains(T value) => _byValue.ContainsKey(value);

    public LocalText Name(T value) => _byValue.TryGetValue(value, out var item) ? item.Name : new LocalText(value.ToString()!, value.ToString()!);

    public bool TryFind(string? text, out CodeItem<T> item)
    {
        item = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var key = text.Trim();
        if (_byText.TryGetValue(key, out item!)) return true;
        // "1" for "01": codes are often typed without their leading zero.
        return int.TryParse(key, out var n) && _byText.TryGetValue(n.ToString("D2"), out item!);
    }
}
