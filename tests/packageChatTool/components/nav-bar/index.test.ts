/**
 * @jest-environment jsdom
 */
import { renderComponent } from '../../../harness/simulate';
import { useWeChat } from 'chat-tool-kit';
import { fakeWeChat } from '../../helpers/fakes';
import { attr } from '../../helpers/simulate';

const BAR = 'packageChatTool/components/nav-bar/index';

test('shows the title below the status bar, without a back button by default', () => {
  useWeChat(fakeWeChat());
  const bar = renderComponent(BAR, { title: '群任务' });
  expect(bar.text()).toBe('群任务');
  expect(bar.has('.back')).toBe(false);
  expect(bar.instance.data).toMatchObject({ top: 20, height: 40 });
});

test('the bar is centred on the capsule button below the status bar; without one it has the standard height', () => {
  const metrics = [
    { statusBarHeight: 20, menuButton: { top: 24, height: 32 } },
    { statusBarHeight: 44, menuButton: { top: 40, height: 32 } },
    { statusBarHeight: 44, menuButton: null },
  ];
  const bars = metrics.map((window) => {
    useWeChat(fakeWeChat({ windowMetrics: () => window }));
    const { top, height } = renderComponent(BAR, { title: '群任务' }).instance.data as { top: number; height: number };
    return { top, height };
  });
  expect(bars).toEqual([
    { top: 20, height: 40 },
    { top: 44, height: 32 },
    { top: 44, height: 44 },
  ]);
});

test('the back button is labelled in the user language and goes back', async () => {
  const platform = fakeWeChat({ language: () => 'en' });
  useWeChat(platform);
  const bar = renderComponent(BAR, { title: 'Task', back: true });
  expect(attr(bar.get('.back'), 'aria-role')).toBe('button');
  expect(attr(bar.get('.back'), 'aria-label')).toBe('Back');
  await bar.tap('.back');
  expect(platform.navigateBack).toHaveBeenCalled();
});

test('tells the page when there is no page to go back to', async () => {
  useWeChat(
    fakeWeChat({
      navigateBack: async () => {
        throw new Error('navigateBack:fail cannot navigate back at first page');
      },
    }),
  );
  const bar = renderComponent(BAR, { back: true });
  const triggerEvent = jest.spyOn(bar.instance as unknown as { triggerEvent(name: string): void }, 'triggerEvent');
  await bar.tap('.back');
  expect(triggerEvent).toHaveBeenCalledWith('backfailed');
});
