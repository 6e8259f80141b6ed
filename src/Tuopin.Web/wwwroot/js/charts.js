// ECharts through Blazor JS interop: render an option into an element, report clicks back to .NET.
// ECharts itself is the vendored lib/echarts/echarts.min.js (no download at run time).
const charts = new Map();
let loading = null;

function loadECharts() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!loading) {
        loading = new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = 'lib/echarts/echarts.min.js';
            script.onload = () => resolve(window.echarts);
            script.onerror = () => reject(new Error('echarts.min.js could not be loaded'));
            document.head.appendChild(script);
        });
    }
    return loading;
}

export async function render(element, id, option, dotnet) {
    const echarts = await loadECharts();
    let chart = charts.get(id);
    if (!chart || chart.getDom() !== element) {
        if (chart) chart.dispose();
        chart = echarts.init(element);
        charts.set(id, chart);
        chart.on('click', params => {
            const data = params.data || {};
            dotnet.invokeMethodAsync('OnChartClick', params.seriesName || '', params.dataIndex ?? -1, params.name || '', data.key ? String(data.key) : null);
        });
        new ResizeObserver(() => chart.resize()).observe(element);
    }
    chart.setOption(option, true);
    element.dataset.rendered = 'true';
}

export function dispose(id) {
    const chart = charts.get(id);
    if (chart) { chart.dispose(); charts.delete(id); }
}

// For tests and keyboard users: the page position of a bar or point, so that a real click can land on it.
window.tuopinCharts = {
    itemCenter(id, seriesIndex, dataIndex) {
        const chart = charts.get(id);
        if (!chart) return null;
        const layout = chart.getModel().getSeriesByIndex(seriesIndex).getData().getItemLayout(dataIndex);
        const box = chart.getDom().getBoundingClientRect();
        if (!layout) return null;
        if (layout.width !== undefined) return { x: box.left + layout.x + layout.width / 2, y: box.top + layout.y + layout.height / 2 };
        return { x: box.left + layout[0], y: box.top + layout[1] };
    },
    // The names of a chart's series, as its legend shows them.
    seriesNames(id) {
        const chart = charts.get(id);
        return chart ? chart.getOption().series.map(s => s.name) : null;
    },
};
