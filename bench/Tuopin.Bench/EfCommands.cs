using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tuopin.Bench;

/// <summary>
/// Records the SQL commands EF Core runs, and the time each took on the database, through EF's
/// DiagnosticListener: the application's contexts need no logger for it. Off (and free) unless
/// a recording is in progress, so timed runs do not pay for it.
/// </summary>
public sealed class EfCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public sealed record Command(string Sql, TimeSpan Duration);

    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<Command> _commands = [];
    private volatile bool _recording;

    public EfCommands() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>Runs the action once, returning the commands EF ran meanwhile.</summary>
    public async Task<IReadOnlyList<Command>> RecordAsync(Func<Task> action)
    {
        lock (_commands) _commands.Clear();
        _recording = true;
        try
        {
            await action();
        }
        finally
        {
            _recording = false;
        }
        lock (_commands) return [.. _commands];
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(value.Subscribe(this, (name, _, _) => _recording && name == Executed));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData data)
            lock (_commands) _commands.Add(new Command(data.Command.CommandText, data.Duration));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
            foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
