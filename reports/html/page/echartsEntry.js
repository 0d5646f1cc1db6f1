// The echarts build the reports inline: only the chart types and components client.js uses
// (echarts' modular import), bundled once per process by echartsBundle.ts. Adding a chart type
// or component to client.js means registering it here.
import { use } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  DataZoomSliderComponent,
  GridComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, HeatmapChart, GridComponent, TooltipComponent, LegendPlainComponent, DataZoomSliderComponent, VisualMapContinuousComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer]);

export { getInstanceByDom, init } from 'echarts/core';
