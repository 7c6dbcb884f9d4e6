// Text of the call pages: Chinese (zh-CN) by default, English on request; the choice is shared with the console.
const TEXT = {
  'zh-CN': {
    dispatcherTitle: '视频呼叫 · 调度员', workerTitle: '视频呼叫 · 网格员', logout: '退出', login: '账号', password: '密码', signIn: '登录',
    loginFailed: '账号或密码错误', other: 'English', unit: '单位编码', filter: '姓名或电话', find: '查找人员', call: '呼叫',
    calleeId: '人员编号', callById: '按编号呼叫', hangUp: '挂断', answer: '接听', decline: '拒绝', mine: '本机画面', theirs: '对方画面',
    idle: '空闲', waiting: '等待来电', connecting: '正在连接…', incoming: n => `${n} 来电`,
    ringing: c => c.fallback === 'none' ? `正在呼叫 ${c.ringing.name}…`
      : `${c.callee.name} 不在线，改为呼叫${c.fallback === 'grid_chief' ? '网格长' : '在岗人员'} ${c.ringing.name}…`,
    connected: c => `通话中：${c.caller.name} ↔ ${c.ringing.name}`,
    elsewhere: d => `已在其他设备（${d}）接听`,
    outcomes: { answered: '通话已结束', busy: '对方忙', no_answer: '无人接听', declined: '对方已拒绝', cancelled: '呼叫已取消',
      failed: '呼叫失败', dropped: '通话中断' },
    causes: {
      hung_up_by_caller: c => `${c.caller.name} 已挂断`, hung_up_by_callee: c => `${c.ringing.name} 已挂断`,
      cancelled: c => `${c.caller.name} 在接听前取消了呼叫`, declined: c => `${c.ringing.name} 拒绝了呼叫`,
      ring_timeout: () => '振铃超时，无人接听', callee_busy: c => `${c.callee.name} 正在通话中`, caller_busy: () => '您正在另一通话中',
      unreachable: c => `${c.callee.name} 不在线，所在单位也没有在线的在岗人员或网格长`,
      fallback_busy: c => `${c.callee.name} 不在线，代接的 ${c.ringing.name} 正在通话中`,
      phone_busy: c => `${c.ringing.name} 的电话忙`, phone_declined: c => `${c.ringing.name} 在电话上拒绝了呼叫`,
      phone_no_answer: c => `${c.ringing.name} 的电话无人接听`, phone_failed: c => `${c.ringing.name} 的电话呼叫失败`,
      media_dropped: () => '媒体连接中断', media_failed: () => '媒体连接建立失败', server_restarted: () => '承载通话的服务器已重启',
    },
    failed: e => `操作失败：${e}`, found: n => `共 ${n} 人`,
  },
  en: {
    dispatcherTitle: 'Video call · dispatcher', workerTitle: 'Video call · worker', logout: 'Log out', login: 'Login', password: 'Password',
    signIn: 'Sign in', loginFailed: 'Unknown login or wrong password', other: '中文', unit: 'Unit code', filter: 'Name or phone',
    find: 'Find people', call: 'Call', calleeId: 'Worker id', callById: 'Call by id', hangUp: 'Hang up', answer: 'Answer', decline: 'Decline',
    mine: 'This device', theirs: 'The other side', idle: 'Idle', waiting: 'Waiting for calls', connecting: 'Connecting…',
    incoming: n => `Incoming call from ${n}`,
    ringing: c => c.fallback === 'none' ? `Calling ${c.ringing.name}…`
      : `${c.callee.name} is offline; calling ${c.fallback === 'grid_chief' ? 'the grid chief' : 'the worker on duty'} ${c.ringing.name} instead…`,
    connected: c => `In call: ${c.caller.name} ↔ ${c.ringing.name}`,
    elsewhere: d => `Answered on another device (${d})`,
    outcomes: { answered: 'Call ended', busy: 'Busy', no_answer: 'No answer', declined: 'Declined', cancelled: 'Call cancelled',
      failed: 'Call failed', dropped: 'Call dropped' },
    causes: {
      hung_up_by_caller: c => `${c.caller.name} hung up`, hung_up_by_callee: c => `${c.ringing.name} hung up`,
      cancelled: c => `${c.caller.name} cancelled before anyone answered`, declined: c => `Declined by ${c.ringing.name}`,
      ring_timeout: () => 'Nobody answered within the ring time', callee_busy: c => `${c.callee.name} is in another call`,
      caller_busy: () => 'You are already in another call',
      unreachable: c => `${c.callee.name} is offline, and no on-duty worker or grid chief of their units is online`,
      fallback_busy: c => `${c.callee.name} is offline and ${c.ringing.name}, who would answer instead, is in another call`,
      phone_busy: c => `${c.ringing.name}'s phone is busy`, phone_declined: c => `Declined on ${c.ringing.name}'s phone`,
      phone_no_answer: c => `${c.ringing.name}'s phone did not answer`, phone_failed: c => `${c.ringing.name}'s phone failed the call`,
      media_dropped: () => 'The media connection dropped', media_failed: () => 'The media connection could not be set up',
      server_restarted: () => 'The server carrying the call restarted',
    },
    failed: e => `Failed: ${e}`, found: n => `${n} people`,
  },
};
let lang = localStorage.getItem('dispatch.lang') || 'zh-CN';
function t(key) { return TEXT[lang][key]; }
function applyText() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach(el => { el.textContent = t(el.dataset.t); });
  document.getElementById('lang').textContent = t('other');
}
function toggleLang() {
  lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  localStorage.setItem('dispatch.lang', lang);
  applyText();
}
