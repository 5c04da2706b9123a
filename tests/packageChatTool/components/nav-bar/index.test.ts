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
